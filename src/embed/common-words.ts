/**
 * A built-in, corpus-independent stand-in for IDF: general-English words so frequent that they
 * say little about what a passage is about. Compiled by hand from general frequency knowledge
 * (everyday high-frequency vocabulary, and the general academic vocabulary that recurs in
 * reports and documentation of every field), not from any evaluation corpus. Matched on the
 * Porter stem, so inflected forms count too.
 *
 * Part of the local embedder's definition: changing these lists changes its vectors, so the
 * embedder id must be bumped with them.
 */

/** Very frequent content words of general English (weighted lowest after stop words). */
export const VERY_COMMON_WORDS =
  'time year people way day man men thing woman women life child children world school state ' +
  'family group country problem hand part place case week company system program question work ' +
  'number night point home water room area money story fact month lot right book eye job word ' +
  'business issue side kind head house service friend power hour game line end member law car ' +
  'city name team minute idea body information back parent face level office door person ' +
  'history result change morning reason moment air force example order form type value ' +
  'say said get got make made go went gone know knew known take took taken see saw seen come ' +
  'came think thought look want give gave given use used find found tell told ask seem feel ' +
  'felt try leave left call need become became keep kept let begin began show shown hear heard ' +
  'play run move like live believe hold held bring brought happen write written provide sit ' +
  'stand lose lost pay meet include continue set learn lead led understand watch follow stop ' +
  'create speak read allow add spend grow open walk win offer remember consider appear buy ' +
  'wait serve send expect build built stay fall cut reach remain suggest raise pass require ' +
  'report decide put mean meant turn help start end change describe ' +
  'good new first last long great little old big high different small large next early young ' +
  'important few bad same able best better sure free low late hard major real certain whole ' +
  'clear recent possible likely several general full special current common similar various ' +
  'particular main available one two three four five six seven eight nine ten second third ' +
  'many much well even still really often never always sometimes usually perhaps already ' +
  'almost quite rather another every something anything nothing everything way back around ' +
  'among across along away together today later less least';

/**
 * Common words of general academic and expository prose: reporting verbs, qualifiers and
 * connectives that any field uses (a milder down-weighting). Nouns that usually name a topic
 * (environment, variable, function, data, model, …) are deliberately left out.
 */
export const COMMON_WORDS =
  'analysis approach assess assume benefit concept consist context define definition derive ' +
  'establish estimate evidence factor identify indicate individual interpret involve occur ' +
  'percent period principle significant specific vary achieve affect appropriate aspect ' +
  'complex conclude conclusion conduct consequence distinct evaluate final focus impact ' +
  'maintain normal obtain perceive positive negative potential previous primary range relevant ' +
  'increase decrease reduce effect compare comparison associate association basis present ' +
  'observe determine total support relate relation relationship study studies develop ' +
  'development provide include show result level difference similar further additional ' +
  'particular respective previously recently finally generally especially directly ' +
  'significantly respectively whereas although therefore moreover furthermore since unless ' +
  'despite according following based using cause exist require required describe known ' +
  'unknown single multiple minor higher lower larger smaller short';
