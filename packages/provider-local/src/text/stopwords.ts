// English function words ignored when scoring sentences, labels and tools. Kept small on
// purpose: domain words (error, account, invoice) must stay meaningful.
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing during each either else etc ever few for from ' +
    'further had has have having he her here hers herself him himself his how however i if in into is it its ' +
    'itself just let me more most much must my myself neither no nor not now of on once only or other our ' +
    'ours ourselves over own per please same shall she should so some such than that the their theirs them ' +
    'themselves then there these they this those through thus to too under until up upon us very via was we ' +
    'were what when where whether which while who whom whose why will with within without would yet you your ' +
    'yours yourself yourselves s t d ll m re ve'
  ).split(' '),
);
