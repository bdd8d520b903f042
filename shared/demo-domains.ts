/**
 * The reseller domains of the demo data, for the welcome screen of demo mode. The emulator
 * seeds the same two (a test keeps them equal); the renderer may not import the emulator.
 */
export const DEMO_RESELLER_DOMAINS = ['northwind-reseller.example', 'revendeur-lumiere.example'] as const;
