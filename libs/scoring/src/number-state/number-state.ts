/** The states of SPEC §6, from least to most severe. */
export const NUMBER_STATES = ['ok', 'watch', 'review', 'restricted', 'suspended'] as const;
export type NumberState = (typeof NUMBER_STATES)[number];

/** Change-bus topic (key: the E.164 number) published whenever a number's state changes. */
export const NUMBER_CHANGED_TOPIC = 'number';
