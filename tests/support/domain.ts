import { loadDomain, type Domain } from '../../core/domain';
import type { ClinicDetails } from '../../core/conversation/template';

export const TEST_CLINIC: ClinicDetails = {
  name: 'Riverside Family Clinic',
  phone: '+1 555 010 0199',
  web: 'https://clinic.example.org',
  emergencyNumber: '911',
  crisisLine: 'the 988 Suicide & Crisis Lifeline (call or text 988)',
};

/** Environment variables that configure the same clinic for tests that start the server. */
export const TEST_CLINIC_ENV: Record<string, string> = {
  CLINIC_NAME: TEST_CLINIC.name,
  CLINIC_PHONE: TEST_CLINIC.phone!,
  CLINIC_WEB: TEST_CLINIC.web!,
  EMERGENCY_NUMBER: TEST_CLINIC.emergencyNumber,
  CRISIS_LINE: TEST_CLINIC.crisisLine,
};

let cached: Domain | undefined;

/** The real knowledge base and trained language understanding, loaded once per test file. */
export function testDomain(): Domain {
  cached ??= loadDomain(TEST_CLINIC);
  return cached;
}
