// Generation as the studio and the command line both run it: a fresh take over chords, bars
// A..B of a take improvised again in place, or a take continued by more bars. All go through
// generate::improviseBars (one Improviser, one seed per bar), so the same seeds give the same
// bars whoever asks, and a locked bar is never changed.
#pragma once

#include "generate/Continuation.h"
#include "model/ModelFile.h"

#include <string>
#include <vector>

namespace jazz::studio {

enum class GenerationKind { Fresh, Regenerate, Continue };

struct GenerationPlan {
    GenerationKind kind = GenerationKind::Fresh;
    generate::GenerateOptions options; // options.seed: bar b plays from barSeed(seed, b)
    // Fresh: the chords. Continue: the chords of the bars to add (see continuationChords).
    generate::Progression progression;
    // Regenerate, Continue: the take to work on. Fresh: the take the new one replaces; when it
    // is over the same chords, the new take keeps its locked bars (notes and records) and is
    // improvised around them (the bars before a locked bar lead into it). Empty: none.
    generate::Solo take;
    int first = 0, last = 0; // Regenerate: bars first..last, 0-based, inclusive
    int leadInCandidates = generate::kLeadInCandidates; // 1: no lead-in
};

// The take the plan makes: every bar it did not improvise has its notes and record as they
// were. Throws jazz::Error for a plan that cannot run (no chords, a range outside the take,
// a range of locked bars only, a continuation in another meter).
generate::Solo runGeneration(const model::TrainedModel& model, const GenerationPlan& plan);

// The bars (0-based) the plan improvises, in the take it makes.
std::vector<int> barsToImprovise(const GenerationPlan& plan);

// The chords for `count` bars after a take of `takeBars` bars played over `form`: the form's
// bars from where the take ends, looping (a 12-bar blues taken 16 bars goes on from its bar 5;
// a take of whole choruses starts the form again). The studio continues over the chart as it
// is now, so a take can be continued over changes edited since.
generate::Progression continuationChords(const generate::Progression& form, int takeBars,
                                         int count);

// True when the progressions have the same bars: chord onsets and voicings (not spellings).
bool sameChords(const generate::Progression& a, const generate::Progression& b);

// "bar 5" or "bars 5-8" (1-based), for messages.
std::string barRangeText(int first, int last);

} // namespace jazz::studio
