import { describeJourney } from './journey';

// npm run test:e2e: help, answers, drilldown, paging, expiry, a role request approved by an admin
// in her own client, renewal reminders in a channel — in English.
describeJourney('en');
