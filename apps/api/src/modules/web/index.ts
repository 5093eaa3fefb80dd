export { mountWebClient } from './web-client';
