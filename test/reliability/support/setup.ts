// The battery starts processes and clusters, and injects faults: generous, bounded time per test.
jest.setTimeout(180000);
