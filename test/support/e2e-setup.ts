// E2E tests start real applications and processes: give them time (unit tests keep Jest's 5 s).
jest.setTimeout(60000);
