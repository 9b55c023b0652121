export const CLOUDS = ['aws', 'azure', 'gcp'] as const;
export type Cloud = (typeof CLOUDS)[number];

export const CLOUD_LABELS: Record<Cloud, string> = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud' };
