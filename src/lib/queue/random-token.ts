/**
 * A 128-bit hex token from the passed-in random source (`0 <= random() < 1`). It tells one claim or
 * one enqueue from another; it guards against races, not attackers, so `Math.random` is enough.
 */
export function randomToken(random: () => number): string {
  let token = '';
  for (let word = 0; word < 4; word += 1) {
    token += Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  }
  return token;
}
