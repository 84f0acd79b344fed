export * from './membership-rules';
export * from './participation-rules';
export * from './session-rules';
