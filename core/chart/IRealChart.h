// The chart language inside an iReal Pro song (after unscrambling): tokens read into written
// bars, then the form played through once (repeats, endings, D.C./D.S., coda, Fine) into bars
// of chord symbols that generate::Progression::parse reads.
#pragma once

#include <string>
#include <vector>

namespace jazz::chart {

struct IRealForm {
    int timeNumerator = 4;
    int timeDenominator = 4;
    double beatsPerBar = 4; // quarter notes
    // Per played bar, the chord symbols in our spelling ("Dm7 G7"); a chord held for longer
    // than its share of an even split is written again ("C7 D7 E7 E7" in 4/4).
    std::vector<std::string> bars;
};

// `chart` is the unscrambled music field; `tune` names the tune in errors. Throws jazz::Error
// naming the tune and what is refused (an unknown token or chord quality, a change of time
// signature, a jump with no target, a form longer than kMaxIRealBars).
IRealForm readIRealChart(const std::string& chart, const std::string& tune);

// iReal quality (the text after the root: "^7", "-7", "h7", "7b9#5") to the spelling our chord
// parser reads ("maj7", "m7", "m7b5", "7alt"); empty when iReal has no such quality.
// Re-rooted qualities ("-b6", "-#5") are handled by readIRealChart, not here.
std::string translateIRealQuality(const std::string& quality, bool* known);

constexpr int kMaxIRealBars = 2000;

} // namespace jazz::chart
