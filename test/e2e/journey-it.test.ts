import { describeJourney } from './journey';

// npm run test:e2e: the same day in Italian.
describeJourney('it');
