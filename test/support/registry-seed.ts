// The seeding of a département's registries lives with the demo command, which shares it with the tests.
export * from '../../apps/cli/src/demo/registry-seed';
