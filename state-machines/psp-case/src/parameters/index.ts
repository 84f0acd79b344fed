export * from './psp-parameters';
export * from './parameter-extension';
