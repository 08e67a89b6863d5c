// `bench all`'s gui_stall_ms: how long the main thread's event loop can go without turning
// while a real training runs on a worker thread, as the studio trains. Long work never runs on
// the GUI thread; this figure shows what is left (lock contention, memory bandwidth, a loaded
// machine's scheduling) as the longest gap a window would freeze for.
#pragma once

namespace jazz::app {

struct StallFigures {
    double longestGapMs = 0; // between two ticks of a 2 ms timer on the main thread
    double typicalGapMs = 0; // the median gap, for scale
    int ticks = 0;
    int epochs = 0;     // trained meanwhile (the bundled corpus, the notebook recipe)
    double seconds = 0; // the training's wall time
};

// Needs a QCoreApplication. Throws jazz::Error if the training fails.
StallFigures measureGuiStall(int epochs);

} // namespace jazz::app
