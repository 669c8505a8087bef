/** Clinic details a reply may mention. Mirrors the clinic settings without depending on bot/ config. */
export interface ClinicDetails {
  name: string;
  phone?: string;
  web?: string;
  emergencyNumber: string;
  crisisLine: string;
}

/**
 * Fills {clinicName}-style placeholders. Missing optional details become graceful wording, so a
 * clinic that sets no phone number never shows an empty "call  now".
 */
export function fillTemplate(text: string, clinic: ClinicDetails): string {
  const values: Record<string, string> = {
    clinicName: clinic.name,
    clinicPhone: clinic.phone ?? `${clinic.name}'s usual number`,
    clinicPhoneSuffix: clinic.phone ? ` (${clinic.phone})` : '',
    clinicWeb: clinic.web ?? `${clinic.name}'s website`,
    emergencyNumber: clinic.emergencyNumber,
    crisisLine: clinic.crisisLine,
  };
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}
