export * from './membership-view';
export * from './session-view';
