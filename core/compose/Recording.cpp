#include "compose/Recording.h"

#include <algorithm>

namespace jazz::compose {

std::vector<generate::SoloNote> readRecording(const std::vector<playback::BeatMessage>& messages,
                                              double until, const RecordingSpan& span) {
    QuantizeOptions q;
    q.beatsPerBar = span.beatsPerBar;
    q.origin = span.origin;
    q.bars = std::max(1, span.bars);
    auto notes = quantize(pairNotes(messages, until), q);
    const double shift = span.firstBar * span.beatsPerBar;
    for (auto& n : notes)
        n.start += shift;
    return notes;
}

generate::Solo withRecording(const generate::Solo& take,
                             const std::vector<generate::SoloNote>& notes, int first, int last) {
    generate::Solo out = take;
    out.fitBars();
    const double bpb = take.progression.beatsPerBar;
    const double from = first * bpb, to = (last + 1) * bpb;
    out.notes.clear();
    for (generate::SoloNote n : take.notes) {
        const int bar = take.barOf(n);
        if (bar >= first && bar <= last)
            continue;
        if (n.start < from && n.start + n.duration > from + 1e-9)
            n.duration = from - n.start; // it would sound over the recorded bars
        out.notes.push_back(n);
    }
    for (const generate::SoloNote& n : notes) {
        const int bar = take.barOf(n);
        if (bar >= first && bar <= last && n.start < to)
            out.notes.push_back(n);
    }
    std::stable_sort(out.notes.begin(), out.notes.end(),
                     [](const auto& a, const auto& b) { return a.start < b.start; });
    std::vector<int> bars;
    for (int b = first; b <= last; ++b)
        bars.push_back(b);
    out.markEdited(bars); // re-encoded from the notes now there
    for (int b : bars)
        if (b >= 0 && b < int(out.bars.size())) {
            out.bars[size_t(b)].origin = generate::BarOrigin::Recorded;
            out.bars[size_t(b)].seed = 0;
        }
    return out;
}

generate::Solo firstBars(const generate::Solo& take, int bars) {
    generate::Solo out = take;
    out.fitBars();
    bars = std::clamp(bars, 0, int(take.progression.bars.size()));
    out.progression.bars.resize(size_t(bars));
    out.bars.resize(size_t(bars));
    const double end = bars * take.progression.beatsPerBar;
    out.notes.clear();
    for (generate::SoloNote n : take.notes) {
        if (n.start >= end - 1e-9 || take.barOf(n) >= bars)
            continue;
        n.duration = std::min(n.duration, end - n.start);
        out.notes.push_back(n);
    }
    return out;
}

} // namespace jazz::compose
