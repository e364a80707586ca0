/** The task pane's screens, in tab order. */
export const SCREENS = ['home', 'wizard', 'cascade', 'checkin', 'health'] as const;
export type Screen = (typeof SCREENS)[number];
