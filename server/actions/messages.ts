// The actions feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ACTION_TEXTS = {
  onlyOwnStatus: 'Du kan kun ændre status på opfølgningspunkter, du selv er ansvarlig for.',
} as const;
