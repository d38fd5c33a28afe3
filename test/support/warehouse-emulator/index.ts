export { startWarehouseEmulator, type EmulatorOptions, type FaultRule, type WarehouseEmulator } from './server';
export { makeTestCertificate, type TestCertificate } from './certs';
