// `bench trade`: how long the model takes to answer a traded phrase (read it onto the grid,
// prime, improvise the bars, queue them), against the budget of one beat at 240 bpm.
#pragma once

#include <string>

namespace jazz::app {

struct TradeFigures {
    int answers = 0;
    double p50Ms = 0, p99Ms = 0, maxMs = 0;
    std::string model; // what answered
};

// `modelPath` empty: the bundled corpus, trained briefly (the answer's cost is the network's
// size, not its skill). Throws jazz::Error.
TradeFigures measureTrade(const std::string& modelPath, int answers);

} // namespace jazz::app
