// How to fix a body something else already read, in each framework's words: the second half of every
// `body_already_read` message. Internal to the Node shells.

export const EXPRESS_FIX =
  "Mount the webhook route before any body parser (express.json()), or give it express.raw({ type: '*/*' }) so " +
  'that req.body is a Buffer; in NestJS, create the app with { rawBody: true } or mount it with app.use() before listen().';

export const KOA_FIX =
  'Mount the webhook middleware before app.use(bodyParser()), or use a body parser that keeps ' +
  'ctx.request.rawBody (@koa/bodyparser and koa-bodyparser do).';
