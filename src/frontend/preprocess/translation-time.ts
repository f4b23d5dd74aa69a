// The date and time of translation, as __DATE__ and __TIME__ print them.
//
// Normally the local time when the preprocessor started. With the
// environment variable SOURCE_DATE_EPOCH set (the reproducible-builds
// convention gcc and clang follow), that many seconds after 1970-01-01 in
// UTC instead, so two builds of the same source give the same bytes. A
// value that is not a decimal integer from 0 to 253402300799 (the last
// second of year 9999) is refused, as gcc refuses it.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const latestEpoch = 253402300799;

export type TranslationTime = { readonly date: string; readonly time: string } | { readonly error: string };

export function translationTime(now: Date, sourceDateEpoch: string | undefined): TranslationTime {
  const pad = (n: number, w: number, c = '0') => String(n).padStart(w, c);
  if (sourceDateEpoch === undefined || sourceDateEpoch === '') {
    return {
      date: `${months[now.getMonth()]} ${pad(now.getDate(), 2, ' ')} ${now.getFullYear()}`,
      time: `${pad(now.getHours(), 2)}:${pad(now.getMinutes(), 2)}:${pad(now.getSeconds(), 2)}`,
    };
  }
  if (!/^[0-9]+$/.test(sourceDateEpoch) || Number(sourceDateEpoch) > latestEpoch) {
    return { error: `SOURCE_DATE_EPOCH must be a whole number of seconds from 0 to ${latestEpoch}, not '${sourceDateEpoch}'` };
  }
  const at = new Date(Number(sourceDateEpoch) * 1000);
  return {
    date: `${months[at.getUTCMonth()]} ${pad(at.getUTCDate(), 2, ' ')} ${at.getUTCFullYear()}`,
    time: `${pad(at.getUTCHours(), 2)}:${pad(at.getUTCMinutes(), 2)}:${pad(at.getUTCSeconds(), 2)}`,
  };
}
