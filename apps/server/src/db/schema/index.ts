export * from './audit.js';
export * from './organizations.js';
export * from './outbox.js';
export * from './users.js';
