/**
 * The day every test and benchmark sees the demo county on. The demo is generated relative to a date (`npm start`
 * and `db seed-demo` use today); 2025-12-31 gives the window 2021–2025 that the figures the tests assert were
 * worked out on, so no test depends on the day it runs.
 */
export const DEMO_AS_OF = '2025-12-31';
