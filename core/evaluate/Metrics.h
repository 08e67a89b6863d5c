// Measures of a solo's musical quality against its chords and against a corpus: how much it
// uses chord and scale tones, how varied its pitches and rhythms are, and whether it copies the
// corpus. Per-feature overlap of two sets' distributions follows Yang and Lerch (2020), "On the
// evaluation of generative models in music": the shared area of Gaussian kernel density
// estimates (applied to the feature values themselves, not to their pairwise distances).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jazz::evaluate {

struct Note {
    double start = 0;    // quarter notes
    double duration = 0; // quarter notes
    int pitch = 60;
};

struct TimedChord {
    double start = 0; // quarter notes from the solo's start
    std::vector<int> pitches;
};

// A melody with the chords under it.
struct Line {
    std::vector<Note> notes; // sorted by start
    std::vector<TimedChord> chords; // sorted by start
    double beatsPerBar = 4;
    int bars = 0;
};

// Per line: the features named in the JSON keys.
struct Features {
    double chordToneRatio = 0;          // by count
    double chordToneRatioDuration = 0;  // by duration
    double scaleToneRatio = 0;
    double scaleToneRatioDuration = 0;
    double pcEntropy1Bar = 0;           // bits, mean over bars with notes
    double pcEntropy4Bar = 0;           // bits, mean over 4-bar windows with notes
    double grooveSimilarity = 0;        // mean over consecutive bars, onsets on a 48-step grid
    double notesPerBar = 0;
    double pitchRange = 0;              // semitones
    double meanAbsInterval = 0;         // semitones
};

Features features(const Line& line);
std::map<std::string, double> asMap(const Features& f);

// The longest run of consecutive (interval, duration) pairs of `line` found, in order, in any
// corpus line; counted in notes (a run of k pairs spans k + 1 notes).
int longestCopiedRun(const Line& line, const std::vector<Line>& corpus);

// Overlap (0..1) of two samples' distributions: the area shared by their kernel density
// estimates (Gaussian kernels, Silverman's bandwidth). Histograms, used before, broke down on
// small sets such as an 18-bar corpus's four 4-bar windows.
double overlap(const std::vector<double>& a, const std::vector<double>& b);

} // namespace jazz::evaluate
