import { blockTypes } from './block.ts';
import { leadLanes } from './delivery-lanes.ts';
import { formFieldTypes } from './form-field.ts';
import { leadFieldIds } from './lead-fields.ts';
import type { ContentType, ContentTypeField } from './space-export.ts';

/**
 * The content model as Contentful sees it: field types, localisation, required flags and editor
 * validations. `content/space.json` carries exactly these content types (a unit test holds them
 * together with the zod schemas), and the CMS tooling can create them in a real space.
 */
type FieldOptions = Partial<Pick<ContentTypeField, 'localized' | 'required'>> & { validations?: unknown[] };

const field = (id: string, name: string, type: ContentTypeField['type'], options: FieldOptions = {}) => ({
  id,
  name,
  type,
  localized: options.localized ?? false,
  required: options.required ?? false,
  validations: options.validations ?? [],
  disabled: false,
  omitted: false,
});

const text = (id: string, name: string, options: FieldOptions = {}) =>
  field(id, name, 'Symbol', { localized: true, ...options });
const longText = (id: string, name: string, options: FieldOptions = {}) =>
  field(id, name, 'Text', { localized: true, ...options });
const symbol = (id: string, name: string, options: FieldOptions = {}) => field(id, name, 'Symbol', options);
const asset = (id: string, name: string, options: FieldOptions = {}) => ({
  ...field(id, name, 'Link', options),
  linkType: 'Asset' as const,
  validations: [{ linkMimetypeGroup: ['image'] }],
});
const entry = (id: string, name: string, types: readonly string[], options: FieldOptions = {}) => ({
  ...field(id, name, 'Link', options),
  linkType: 'Entry' as const,
  validations: [{ linkContentType: [...types] }],
});
const entries = (id: string, name: string, types: readonly string[], options: FieldOptions = {}) => ({
  ...field(id, name, 'Array', options),
  items: {
    type: 'Link' as const,
    linkType: 'Entry' as const,
    validations: [{ linkContentType: [...types] }],
  },
});
const assets = (id: string, name: string, options: FieldOptions = {}) => ({
  ...field(id, name, 'Array', options),
  items: {
    type: 'Link' as const,
    linkType: 'Asset' as const,
    validations: [{ linkMimetypeGroup: ['image'] }],
  },
});
const symbols = (id: string, name: string, allowed: readonly string[], options: FieldOptions = {}) => ({
  ...field(id, name, 'Array', options),
  items: { type: 'Symbol' as const, validations: [{ in: [...allowed] }] },
});
const symbolList = (id: string, name: string, itemValidations: unknown[], options: FieldOptions = {}) => ({
  ...field(id, name, 'Array', options),
  items: { type: 'Symbol' as const, validations: itemValidations },
});

const slugPattern = { regexp: { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' } };
const hexColour = { regexp: { pattern: '^#[0-9a-fA-F]{6}$' } };
const shareRange = { range: { min: 0, max: 1 } };
const atLeast = (min: number) => ({ range: { min } });
// Contentful's own email pattern, as its web app offers it.
const emailPattern = { regexp: { pattern: '^\\w[\\w.-]*@([\\w-]+\\.)+[\\w-]+$' } };
const blockFields = [
  symbol('internalName', 'Internal name', { required: true }),
  symbol('anchor', 'Anchor', { validations: [slugPattern] }),
];

const contentType = (id: string, name: string, displayField: string, description: string, fields: object[]) =>
  ({ sys: { id, type: 'ContentType' }, name, displayField, description, fields }) as ContentType;

export const contentModel: ContentType[] = [
  contentType(
    'siteSettings',
    'Site settings',
    'siteName',
    'Name, colours, navigation and defaults for the whole site. Keep exactly one.',
    [
      text('siteName', 'Site name', { required: true }),
      text('tagline', 'Tagline'),
      longText('defaultSeoDescription', 'Default SEO description', { required: true }),
      asset('defaultOgImage', 'Default social sharing image'),
      asset('logo', 'Logo'),
      entries('navigation', 'Main navigation', ['link']),
      entries('footerLinks', 'Footer links', ['link']),
      longText('footerNote', 'Footer note'),
      entry('privacyPage', 'Privacy page (consent texts link to it)', ['landingPage']),
      entry('legalNoticePage', 'Legal notice page (Impressum, linked from every page footer)', [
        'landingPage',
      ]),
      symbol('twitterHandle', 'Twitter/X handle'),
      symbol('brandPrimary', 'Brand colour: primary', { required: true, validations: [hexColour] }),
      symbol('brandAccent', 'Brand colour: accent', { required: true, validations: [hexColour] }),
      symbol('brandInk', 'Brand colour: text', { required: true, validations: [hexColour] }),
      symbol('brandSurface', 'Brand colour: background', { required: true, validations: [hexColour] }),
    ],
  ),
  contentType(
    'landingPage',
    'Landing page',
    'title',
    'A page at /slug/ and /de/slug/ (each locale may have its own slug; "home" is the site root in every locale).',
    [
      text(
        'title',
        'Title (the page heading when no section gives one; the browser tab unless SEO title is set)',
        {
          required: true,
        },
      ),
      // Localized: a German page can have a German address; a locale without one uses the default's.
      text('slug', 'Slug', { required: true, validations: [slugPattern, { unique: true }] }),
      text('seoTitle', 'SEO title (only the browser tab and search results; never shown on the page)'),
      longText('seoDescription', 'SEO description'),
      asset('ogImage', 'Social sharing image'),
      symbol('canonicalUrl', 'Canonical URL'),
      field('noindex', 'Hide from search engines', 'Boolean'),
      entries('sections', 'Sections', blockTypes, { required: true }),
      entry('campaign', 'Campaign', ['campaign']),
    ],
  ),
  contentType('link', 'Link', 'label', 'A navigation or footer link to a page or a URL.', [
    text('label', 'Label', { required: true }),
    entry('page', 'Page', ['landingPage']),
    text('url', 'URL'),
  ]),
  contentType('hero', 'Hero', 'internalName', 'The opening block: headline, image and buttons.', [
    ...blockFields,
    text('eyebrow', 'Eyebrow'),
    text('heading', 'Heading (empty: the page Title)'),
    longText('subheading', 'Subheading'),
    asset('image', 'Image'),
    text('primaryCtaLabel', 'Primary button label'),
    text('primaryCtaHref', 'Primary button link'),
    text('secondaryCtaLabel', 'Secondary button label'),
    text('secondaryCtaHref', 'Secondary button link'),
  ]),
  contentType('featureGrid', 'Feature grid', 'internalName', 'A heading over a grid of features.', [
    ...blockFields,
    text('heading', 'Heading', { required: true }),
    longText('intro', 'Intro'),
    field('columns', 'Columns', 'Integer', { validations: [{ in: [2, 3, 4] }] }),
    entries('features', 'Features', ['featureItem'], { required: true }),
  ]),
  contentType('featureItem', 'Feature', 'title', 'One feature in a feature grid.', [
    text('title', 'Title', { required: true }),
    longText('body', 'Body', { required: true }),
    symbol('icon', 'Icon', { required: true }),
  ]),
  contentType('testimonials', 'Testimonials', 'internalName', 'A row of customer quotes.', [
    ...blockFields,
    text('heading', 'Heading'),
    entries('items', 'Testimonials', ['testimonial'], { required: true }),
  ]),
  contentType('testimonial', 'Testimonial', 'authorName', 'A customer quote.', [
    longText('quote', 'Quote', { required: true }),
    symbol('authorName', 'Author name', { required: true }),
    text('authorRole', 'Author role'),
    symbol('company', 'Company'),
    asset('avatar', 'Avatar'),
  ]),
  contentType('faq', 'FAQ', 'internalName', 'Questions and answers.', [
    ...blockFields,
    text('heading', 'Heading', { required: true }),
    entries('items', 'Questions', ['faqItem'], { required: true }),
  ]),
  contentType('faqItem', 'FAQ item', 'question', 'One question and its answer.', [
    text('question', 'Question', { required: true }),
    longText('answer', 'Answer', { required: true }),
  ]),
  contentType('logoCloud', 'Logo cloud', 'internalName', 'Customer or partner logos.', [
    ...blockFields,
    text('heading', 'Heading'),
    assets('logos', 'Logos', { required: true }),
  ]),
  contentType('ctaBanner', 'CTA banner', 'internalName', 'A full-width call to action.', [
    ...blockFields,
    text('heading', 'Heading', { required: true }),
    longText('body', 'Body'),
    text('ctaLabel', 'Button label', { required: true }),
    text('ctaHref', 'Button link', { required: true }),
    symbol('tone', 'Tone', { validations: [{ in: ['brand', 'dark', 'light'] }] }),
  ]),
  contentType(
    'richTextSection',
    'Rich text section',
    'internalName',
    'Prose: headings, paragraphs, lists, links.',
    [
      ...blockFields,
      text('heading', 'Heading'),
      field('body', 'Body', 'RichText', { localized: true, required: true }),
    ],
  ),
  contentType('leadForm', 'Lead form', 'internalName', 'A campaign sign-up form. Posts to /api/leads.', [
    ...blockFields,
    symbol('formId', 'Form id', { required: true, validations: [slugPattern] }),
    text('heading', 'Heading', { required: true }),
    longText('intro', 'Intro'),
    symbols('fields', 'Fields shown', leadFieldIds, { required: true }),
    symbols('requiredFields', 'Required fields', leadFieldIds),
    entries('customFields', 'Custom fields (after the fields shown)', ['formField']),
    text('submitLabel', 'Submit button label', { required: true }),
    longText(
      'successMessage',
      'Success message (shown in place of the form when there is no confirmation page)',
      {
        required: true,
      },
    ),
    entry('successPage', 'Confirmation page (every visitor lands there after signing up)', ['landingPage']),
    longText('consentText', 'Consent text', { required: true }),
    symbol('priority', 'Delivery priority (urgent: sales follow up at once; bulk: newsletters, waitlists)', {
      validations: [{ in: [...leadLanes] }],
    }),
    field(
      'needsConfirmation',
      'Needs confirmation (double opt-in: a mail with a link the visitor clicks)',
      'Boolean',
    ),
    text('confirmationSubject', 'Confirmation mail: subject'),
    longText('confirmationBody', 'Confirmation mail: text ({link} marks where the confirmation link goes)'),
    text(
      'receiptSubject',
      'Receipt mail: subject (optional: sent once the sign-up is confirmed or received)',
    ),
    longText('receiptBody', 'Receipt mail: text'),
  ]),
  contentType(
    'formField',
    'Form field',
    'label',
    'A field a lead form shows after its preset fields. Its value reaches the CRM under the field id.',
    [
      symbol('fieldId', 'Field id (the CRM property name)', {
        required: true,
        validations: [{ regexp: { pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,49}$' } }],
      }),
      symbol('fieldType', 'Type', { required: true, validations: [{ in: [...formFieldTypes] }] }),
      text('label', 'Label', { required: true }),
      text('help', 'Help text'),
      field('required', 'Required', 'Boolean'),
      field('maxLength', 'Maximum length (text, long text, email, phone)', 'Integer', {
        validations: [atLeast(1)],
      }),
      field('min', 'Smallest value (number)', 'Integer'),
      field('max', 'Largest value (number)', 'Integer'),
      symbolList('options', 'Options (select, multi-select): what the CRM receives', []),
      {
        ...symbolList('optionLabels', 'Option labels: what visitors see, same order as the options', []),
        localized: true,
      },
      symbol('value', 'Value (hidden fields)'),
    ],
  ),
  contentType(
    'campaign',
    'Campaign',
    'name',
    'The launch ticket: when traffic comes, how much, to which pages and forms. Read by the readiness report.',
    [
      symbol('key', 'Key (used in commands and as utm_campaign)', {
        required: true,
        validations: [slugPattern, { unique: true }],
      }),
      symbol('name', 'Name', { required: true }),
      field('launchAt', 'Launch date and time', 'Date', { required: true }),
      field('endAt', 'End date', 'Date', { required: true }),
      field('emailsSent', 'Emails sent', 'Integer', { validations: [atLeast(0)] }),
      field('emailVisitRate', 'Email click rate (0-1)', 'Number', { validations: [shareRange] }),
      field('adImpressions', 'Ad impressions', 'Integer', { validations: [atLeast(0)] }),
      field('adVisitRate', 'Ad click-through rate (0-1)', 'Number', { validations: [shareRange] }),
      field('otherVisits', 'Other visits (social, press, partners)', 'Integer', {
        validations: [atLeast(0)],
      }),
      field('submitRate', 'Visits that submit a form (0-1)', 'Number', {
        required: true,
        validations: [shareRange],
      }),
      field('peakShare', 'Share of visits in the peak window (0.01-0.99)', 'Number', {
        required: true,
        validations: [{ range: { min: 0.01, max: 0.99 } }],
      }),
      field('peakWindowMinutes', 'Peak window (minutes)', 'Integer', {
        required: true,
        validations: [atLeast(1)],
      }),
      field('measuredPeakPageViewsPerSecond', 'Measured peak page views per second', 'Number', {
        validations: [{ range: { min: 0.000001 } }],
      }),
      field('measuredPeakLeadsPerSecond', 'Measured peak leads per second', 'Number', {
        validations: [{ range: { min: 0.000001 } }],
      }),
      entries('targetPages', 'Target landing pages', ['landingPage'], { required: true }),
      symbolList('forms', 'Form ids', [slugPattern], { required: true }),
      symbolList('newDataFields', 'New data fields', []),
      field('deliveryWeight', 'Delivery weight against other campaigns in its lane (default 1)', 'Number', {
        validations: [{ range: { min: 0.001, max: 1000 } }],
      }),
      field('maxDeliveriesPerSecond', 'Most leads handed to the CRM per second (empty: no cap)', 'Number', {
        validations: [{ range: { min: 0.001, max: 100000 } }],
      }),
      field(
        'alertOverForecastFactor',
        'Alert when intake exceeds the forecast by this factor (empty: configuration)',
        'Number',
        {
          validations: [{ range: { min: 1.001, max: 1000 } }],
        },
      ),
      field(
        'alertBacklogClearMinutes',
        'Alert when the backlog clears later than this many minutes (empty: configuration)',
        'Integer',
        {
          validations: [{ range: { min: 1, max: 10080 } }],
        },
      ),
      symbol('owner', 'Owner', { required: true }),
      symbol('contact', 'Contact email', { required: true, validations: [emailPattern] }),
    ],
  ),
  contentType(
    'eventDetails',
    'Event details',
    'internalName',
    'A dated event (a webinar session) with a calendar file, e.g. on its confirmation page.',
    [
      ...blockFields,
      text('heading', 'Heading', { required: true }),
      longText('intro', 'Intro (also the calendar entry description)'),
      text('eventTitle', 'Event title (as calendars show it)', { required: true }),
      field('startAt', 'Starts (date, time and time zone)', 'Date', { required: true }),
      field('endAt', 'Ends (date, time and time zone)', 'Date', { required: true }),
      symbol('timeZone', 'Time zone the page shows it in (e.g. Europe/Berlin)', { required: true }),
      text('location', 'Where (e.g. Online (Zoom))'),
      text('calendarLabel', 'Calendar link label', { required: true }),
    ],
  ),
  contentType(
    'redirect',
    'Redirect',
    'from',
    'Sends an old or printed address to a page. Left out (and reported) if it loops, chains or hides a live page.',
    [
      symbol('from', 'From (a path on this site, e.g. /home/)', { required: true }),
      symbol('to', 'To (a path on this site or a full https:// address)', { required: true }),
      field('status', 'Status: 301 moved for good, 302 for now', 'Integer', {
        validations: [{ in: [301, 302] }],
      }),
      symbol('locale', 'Locale (its prefix is added to both paths; empty: paths as written)', {
        validations: [{ in: ['en-US', 'de-DE'] }],
      }),
    ],
  ),
];
