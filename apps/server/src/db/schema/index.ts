export * from './assets.js';
export * from './audit.js';
export * from './customers.js';
export * from './inventory.js';
export * from './organizations.js';
export * from './outbox.js';
export * from './repairs.js';
export * from './users.js';
