// Jest cannot require() an ES module before Node 24.9, and @fastify/static requires
// content-disposition 3 (ESM only; Node itself loads it). The API never uses what it is for
// (reply.download), so under Jest it is this stand-in.
module.exports = {
  create() {
    throw new Error('content-disposition is not loaded under Jest');
  },
};
