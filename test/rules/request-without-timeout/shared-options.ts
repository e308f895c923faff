// Not a fixture on its own: the sibling module invalid-shared-options.ts imports these options.
export const partnerOptions = {
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.PARTNER_TOKEN}` },
};

export const boundedOptions = {
  headers: { Accept: 'application/json' },
  signal: AbortSignal.timeout(4000),
};
