/** The pure code counts seconds (floats); the database hands out and takes timestamps. */
export function toSeconds(date: Date): number {
  return date.getTime() / 1000;
}

export function toDate(seconds: number): Date {
  return new Date(Math.round(seconds * 1000));
}

/** For moments a state leaves at: never a millisecond early. */
export function toDateCeil(seconds: number): Date {
  return new Date(Math.ceil(seconds * 1000));
}

export function toIso(seconds: number): string {
  return toDate(seconds).toISOString();
}
