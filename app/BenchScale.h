// `bench scale`: a synthetic collection the size of a musician's (about 250,000 values over a
// vocabulary of about 2,500, in 400 MIDI files written to a temporary folder), imported,
// trained with the collection recipe and generated from, to measure what scales with it.
#pragma once

namespace jazz::app {

struct ScaleFigures {
    long values = 0;
    int vocabulary = 0;      // distinct values in the collection
    int modelVocabulary = 0; // those seen twice or more in training, plus the unknown token
    int files = 0;
    double importSeconds = 0;
    double secondsPerEpoch = 0;
    double peakRssMb = 0;
    double generateMsPerChorus = 0;
};

// epochs: how many to time (their mean is reported).
ScaleFigures measureScale(int files, int epochs);

} // namespace jazz::app
