#include "generate/TakeBar.h"

#include "corpus/LeadSheet.h"
#include "generate/Generator.h"
#include "grammar/Encoder.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace jazz::generate {

namespace {
constexpr std::pair<BarOrigin, const char*> kOrigins[] = {{BarOrigin::Generated, "generated"},
                                                          {BarOrigin::Edited, "edited"},
                                                          {BarOrigin::Recorded, "recorded"},
                                                          {BarOrigin::Primed, "primed"},
                                                          {BarOrigin::Unknown, "unknown"}};

double twelfths(double t) {
    return std::round(t * 12) / 12;
}
} // namespace

std::string originName(BarOrigin o) {
    for (const auto& [origin, name] : kOrigins)
        if (origin == o)
            return name;
    return "unknown";
}

std::optional<BarOrigin> parseOrigin(const std::string& name) {
    for (const auto& [origin, n] : kOrigins)
        if (name == n)
            return origin;
    return std::nullopt;
}

std::vector<std::string> encodeBar(const Progression& progression,
                                   const std::vector<SoloNote>& notes, int bar) {
    const double length = progression.beatsPerBar;
    const double start = bar * length, end = start + length;
    // Onset -> the top note starting there (snapped), and its end.
    std::map<double, std::pair<int, double>> line;
    for (const SoloNote& n : notes) {
        const double on = twelfths(n.start);
        if (on < start - 1e-9 || on >= end - 1e-9)
            continue;
        const double off = std::min(end, std::max(on + 1.0 / 12, twelfths(n.start + n.duration)));
        auto [it, fresh] = line.try_emplace(on, n.pitch, off);
        if (!fresh && n.pitch > it->second.first)
            it->second = {n.pitch, off};
    }
    corpus::Measure m;
    m.bar = bar;
    m.start = start;
    m.length = length;
    double at = start;
    for (auto it = line.begin(); it != line.end(); ++it) {
        const double on = it->first;
        if (on - at > 1e-9)
            m.melody.push_back({corpus::MelodyEvent::Rest, at, on - at, {}});
        const auto next = std::next(it);
        const double off =
            next == line.end() ? it->second.second : std::min(it->second.second, next->first);
        m.melody.push_back({corpus::MelodyEvent::Note, on, off - on, {it->second.first}});
        at = off;
    }
    if (end - at > 1e-9)
        m.melody.push_back({corpus::MelodyEvent::Rest, at, end - at, {}});
    std::optional<theory::Chord> held;
    if (bar >= 0 && bar < int(progression.bars.size())) {
        const auto& chords = progression.bars[size_t(bar)];
        for (size_t i = 0; i < chords.size(); ++i) {
            const double next = i + 1 < chords.size() ? chords[i + 1].offset : length;
            m.chords.push_back(
                {start + chords[i].offset, next - chords[i].offset, chords[i].pitches});
        }
        for (int b = bar - 1; !held && b >= 0; --b)
            if (!progression.bars[size_t(b)].empty())
                held = theory::Chord::fromMidi(progression.bars[size_t(b)].back().pitches);
    }
    std::vector<std::string> out;
    for (const grammar::Value& v : grammar::encodeMeasure(m, held))
        out.push_back(v.toString());
    return out;
}

} // namespace jazz::generate
