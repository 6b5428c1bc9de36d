import { BackendPlace, describeBackendWaits, placeOf } from './backend-waits';

describe('placeOf', () => {
  it.each([
    [{ state: 'idle in transaction', waitEventType: 'Client', waitEvent: 'ClientRead' }, 'waiting for the process, in a transaction'],
    [{ state: 'idle in transaction (aborted)', waitEventType: 'Client', waitEvent: 'ClientRead' }, 'waiting for the process, in a transaction'],
    [{ state: 'active', waitEventType: null, waitEvent: null }, 'on CPU'],
    [{ state: 'active', waitEventType: 'LWLock', waitEvent: 'WALWrite' }, 'WAL flush'],
    [{ state: 'active', waitEventType: 'IO', waitEvent: 'WALSync' }, 'WAL flush'],
    [{ state: 'active', waitEventType: 'IO', waitEvent: 'WALWrite' }, 'WAL flush'],
    [{ state: 'active', waitEventType: 'Lock', waitEvent: 'transactionid' }, 'locks'],
    [{ state: 'active', waitEventType: 'IO', waitEvent: 'DataFileRead' }, 'data files'],
    [{ state: 'active', waitEventType: 'Client', waitEvent: 'ClientRead' }, 'reading from the client'],
    [{ state: 'active', waitEventType: 'LWLock', waitEvent: 'BufferContent' }, 'other'],
  ] as const)('%o is %s', (activity, place) => {
    expect(placeOf(activity)).toBe(place);
  });
});

describe('describeBackendWaits', () => {
  it('gives the average number of backends at each place, in a fixed order, leaving out what rounds to nothing', () => {
    const counts = new Map<BackendPlace, number>([
      ['on CPU', 30],
      ['waiting for the process, in a transaction', 370],
      ['WAL flush', 190],
      ['locks', 2],
    ]);
    expect(describeBackendWaits({ samples: 100, counts })).toBe(
      'backends not idle, on average: 5.92 — waiting for the process, in a transaction 3.70, WAL flush 1.90, on CPU 0.30',
    );
  });

  it('says when it took no sample', () => {
    expect(describeBackendWaits({ samples: 0, counts: new Map() })).toBe('backends: no samples');
  });
});
