import type { Subscription } from '../../google-wire/google-types';
import type { Prng } from './prng';

const SKUS = [
  { skuId: '1010020027', skuName: 'Google Workspace Business Starter' },
  { skuId: '1010020028', skuName: 'Google Workspace Business Standard' },
  { skuId: '1010020025', skuName: 'Google Workspace Business Plus' },
  { skuId: '1010020026', skuName: 'Google Workspace Enterprise Standard' },
  { skuId: '1010020020', skuName: 'Google Workspace Enterprise Plus' },
] as const;
const VAULT = { skuId: 'Google-Vault', skuName: 'Google Vault' } as const;
/** Premium support is sold next to the Workspace plan; the app learns escalation rights from it. */
const PREMIUM_SUPPORT = {
  skuId: 'Google-Workspace-Premium-Support',
  skuName: 'Google Workspace Premium Support',
} as const;

/** One Workspace subscription per customer, sometimes with Vault, and Premium support when it has it. */
export function subscriptionsFor(
  prng: Prng,
  customerId: string,
  customerDomain: string,
  creationTime: number,
  serial: number,
  premiumSupport: boolean,
): Subscription[] {
  const plans = ['ANNUAL_MONTHLY_PAY', 'ANNUAL_YEARLY_PAY', 'FLEXIBLE'] as const;
  const main = prng.pick(SKUS);
  const make = (sku: { skuId: string; skuName: string }, index: number, planName = prng.pick(plans)): Subscription => {
    return {
      kind: 'reseller#subscription',
      customerId,
      subscriptionId: String(800_000_000 + serial * 10 + index),
      skuId: sku.skuId,
      skuName: sku.skuName,
      customerDomain,
      status: 'ACTIVE',
      plan: { planName, isCommitmentPlan: planName !== 'FLEXIBLE' },
      creationTime: String(creationTime),
      resourceUiUrl: `https://admin.google.com/ac/billing/subscriptions?customer=${customerId}`,
    };
  };
  const subscriptions = [make(main, 0)];
  if (prng.chance(0.25)) subscriptions.push(make(VAULT, 1));
  // A fixed plan, so adding it draws nothing from the PRNG and the rest of the data stays the same.
  if (premiumSupport) subscriptions.push(make(PREMIUM_SUPPORT, 2, 'ANNUAL_YEARLY_PAY'));
  return subscriptions;
}
