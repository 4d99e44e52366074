// @medplum/core 5 reads the WebSocket global while it loads, and Node 20 has none; the oracles never open one.
// Imported before @medplum/core, so that it is in place when that module is evaluated.
globalThis.WebSocket ??= class {} as unknown as typeof WebSocket;
