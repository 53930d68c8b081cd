import type { SpaceExport } from '../src/schemas/space-export.ts';

const link = (id: string) => ({ sys: { type: 'Link', linkType: 'Entry', id } });
const entry = (
  id: string,
  contentType: string,
  fields: Record<string, unknown>,
  german: Record<string, unknown> = {},
) => ({
  sys: {
    id,
    type: 'Entry' as const,
    contentType: { sys: { type: 'Link', linkType: 'ContentType', id: contentType } },
  },
  fields: Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      key in german ? { 'en-US': value, 'de-DE': german[key] } : { 'en-US': value },
    ]),
  ),
});

/** Entries for one synthetic landing page: hero, feature grid (3), FAQ (3), CTA banner, lead form. */
function pageEntries(n: number) {
  const id = (part: string) => `bench-${n}-${part}`;
  return [
    entry(
      id('page'),
      'landingPage',
      {
        title: `Campaign ${n}`,
        slug: `campaign-${n}`,
        seoDescription: `Campaign ${n}: a synthetic landing page used to measure how the build scales with content.`,
        sections: ['hero', 'grid', 'faq', 'cta', 'form'].map((part) => link(id(part))),
      },
      { title: `Kampagne ${n}` },
    ),
    entry(
      id('hero'),
      'hero',
      {
        internalName: `Hero ${n}`,
        eyebrow: 'Benchmark',
        heading: `Campaign ${n} headline`,
        subheading: 'A subheading long enough to look like real copy on a landing page.',
        primaryCtaLabel: 'Sign up',
        primaryCtaHref: '#signup',
      },
      { heading: `Kampagne ${n}` },
    ),
    entry(id('grid'), 'featureGrid', {
      internalName: `Grid ${n}`,
      heading: 'Why teams choose us',
      features: [1, 2, 3].map((k) => link(id(`feature-${k}`))),
    }),
    ...[1, 2, 3].map((k) =>
      entry(id(`feature-${k}`), 'featureItem', {
        title: `Feature ${k}`,
        body: 'One or two sentences that explain the benefit of this feature.',
        icon: 'bolt',
      }),
    ),
    entry(id('faq'), 'faq', {
      internalName: `FAQ ${n}`,
      heading: 'Questions',
      items: [1, 2, 3].map((k) => link(id(`q-${k}`))),
    }),
    ...[1, 2, 3].map((k) =>
      entry(id(`q-${k}`), 'faqItem', {
        question: `Question ${k}?`,
        answer: 'An answer that takes a sentence or two to read.',
      }),
    ),
    entry(id('cta'), 'ctaBanner', {
      internalName: `CTA ${n}`,
      heading: 'Ready when you are',
      ctaLabel: 'Start now',
      ctaHref: '#signup',
    }),
    entry(id('form'), 'leadForm', {
      internalName: `Form ${n}`,
      anchor: 'signup',
      formId: `campaign-${n}`,
      heading: 'Get started',
      fields: ['email', 'firstName', 'company'],
      requiredFields: ['email'],
      submitLabel: 'Sign up',
      successMessage: 'Thanks, we will be in touch.',
      consentText: 'I agree to the privacy notice.',
    }),
  ];
}

/** The embedded space plus `count` synthetic landing pages (12 entries each). */
export function withSyntheticPages(base: SpaceExport, count: number): SpaceExport {
  return {
    ...base,
    entries: [...base.entries, ...Array.from({ length: count }, (_, n) => pageEntries(n + 1)).flat()],
  };
}
