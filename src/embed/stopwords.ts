/**
 * English function words (close to NLTK's list, without contractions' fragments), matched on the
 * lowercased surface form before stemming. The local embedder gives them a small weight instead
 * of dropping them, so a query made only of such words still gets a meaningful vector.
 *
 * Part of the local embedder's definition: changing this list changes its vectors, so the
 * embedder id must be bumped with it.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before ' +
    'being below between both but by can could did do does doing down during each either else ' +
    'ever few for from further had has have having he her here hers herself him himself his how ' +
    'however i if in into is it its itself just least less may me might more most must my myself ' +
    'neither no nor not now of off on once only or other ought our ours ourselves out over own ' +
    'per same shall she should so some such than that the their theirs them themselves then ' +
    'there these they this those through thus to too under until up upon us very via was we were ' +
    'what when where whether which while who whom whose why will with within without would yet ' +
    'you your yours yourself yourselves'
  ).split(' '),
);
