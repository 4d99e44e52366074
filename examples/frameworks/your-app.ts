// Stand-ins for your own code, called by every example in this folder: replace them with your database and
// job queue. The tests read `calls` to see that each example ran its handlers.
import type { WebhookEvent } from 'bwell-webhooks';

export const calls: string[] = [];

/** Deletes everything you hold about one of your users. */
export async function deleteUser(id: string): Promise<void> {
  calls.push(`delete ${id}`);
}

/** Queues the download of a finished data export for one of your users. */
export async function queueExportDownload(id: string, downloadUrl: string): Promise<void> {
  calls.push(`export ${id} ${downloadUrl}`);
}

/**
 * Keeps an event that names none of your users (b.well sent no identifier of yours) for a person to look at.
 * b.well's Person id is not your user's id: deleting by it would delete the wrong record, or nothing.
 */
export async function keepForReview(event: WebhookEvent): Promise<void> {
  calls.push(`review ${event.type}`);
}
