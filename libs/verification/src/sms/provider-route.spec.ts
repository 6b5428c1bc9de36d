import { routeAfterFailure, routeTarget } from './provider-route';

describe('provider routes', () => {
  it('tries each provider N times, then hands over to the next, then gives up', () => {
    const visited: string[] = [];
    let route: number | null = 0;
    while (route !== null) {
      const target = routeTarget(route, 3);
      visited.push(`${target.provider}.${target.attempt}`);
      route = routeAfterFailure(route, 3, 2);
    }
    expect(visited).toEqual(['0.0', '0.1', '0.2', '1.0', '1.1', '1.2']);
  });

  it('skips the remaining tries of a provider that refused for good', () => {
    expect(routeAfterFailure(0, 3, 2, false)).toBe(3);
    expect(routeAfterFailure(4, 3, 2, false)).toBeNull();
  });
});
