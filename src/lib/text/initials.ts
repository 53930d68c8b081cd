/**
 * Up to two initials of a name ("Sofia Marchetti" → "SM", "Tomás Ortega" → "TO"), for the avatar
 * of a testimonial without a photo, so every quote in a row has the same byline shape.
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const picked = words.length > 1 ? [words[0], words.at(-1)!] : words;
  return picked.map((word) => Array.from(word)[0].toLocaleUpperCase()).join('');
}
