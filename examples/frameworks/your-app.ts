// Stand-ins for your own code, called by every example in this folder: replace them with your database and
// job queue. The tests read `calls` to see that each example ran its handlers.

export const calls: string[] = [];

/** Deletes everything you hold about a user b.well has deleted. */
export async function deleteUserData(userId: string): Promise<void> {
  calls.push(`delete ${userId}`);
}

/** Queues the download of a finished data export. */
export async function queueExportDownload(userId: string, downloadUrl: string): Promise<void> {
  calls.push(`export ${userId} ${downloadUrl}`);
}
