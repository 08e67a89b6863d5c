#include "corpus/MusicXmlHarmony.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace jazz::corpus {

namespace {

using Tones = std::vector<std::pair<int, int>>; // (degree, semitones above the root)

struct Kind {
    const char* name;
    Tones tones;
};

// Every <kind> value of MusicXML 4.0 but "other" and "none", most common first: spellHarmony
// prefers earlier entries on ties. The 13th chords leave out the 11th, as players voice them
// (and as theory::ChordSymbol's "13" does).
const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = {
        {"major", {{1, 0}, {3, 4}, {5, 7}}},
        {"minor", {{1, 0}, {3, 3}, {5, 7}}},
        {"dominant", {{1, 0}, {3, 4}, {5, 7}, {7, 10}}},
        {"minor-seventh", {{1, 0}, {3, 3}, {5, 7}, {7, 10}}},
        {"major-seventh", {{1, 0}, {3, 4}, {5, 7}, {7, 11}}},
        {"half-diminished", {{1, 0}, {3, 3}, {5, 6}, {7, 10}}},
        {"diminished-seventh", {{1, 0}, {3, 3}, {5, 6}, {7, 9}}},
        {"diminished", {{1, 0}, {3, 3}, {5, 6}}},
        {"augmented", {{1, 0}, {3, 4}, {5, 8}}},
        {"major-sixth", {{1, 0}, {3, 4}, {5, 7}, {6, 9}}},
        {"minor-sixth", {{1, 0}, {3, 3}, {5, 7}, {6, 9}}},
        {"major-minor", {{1, 0}, {3, 3}, {5, 7}, {7, 11}}},
        {"augmented-seventh", {{1, 0}, {3, 4}, {5, 8}, {7, 10}}},
        {"dominant-ninth", {{1, 0}, {3, 4}, {5, 7}, {7, 10}, {9, 14}}},
        {"minor-ninth", {{1, 0}, {3, 3}, {5, 7}, {7, 10}, {9, 14}}},
        {"major-ninth", {{1, 0}, {3, 4}, {5, 7}, {7, 11}, {9, 14}}},
        {"dominant-11th", {{1, 0}, {3, 4}, {5, 7}, {7, 10}, {9, 14}, {11, 17}}},
        {"minor-11th", {{1, 0}, {3, 3}, {5, 7}, {7, 10}, {9, 14}, {11, 17}}},
        {"major-11th", {{1, 0}, {3, 4}, {5, 7}, {7, 11}, {9, 14}, {11, 17}}},
        {"dominant-13th", {{1, 0}, {3, 4}, {5, 7}, {7, 10}, {9, 14}, {13, 21}}},
        {"minor-13th", {{1, 0}, {3, 3}, {5, 7}, {7, 10}, {9, 14}, {13, 21}}},
        {"major-13th", {{1, 0}, {3, 4}, {5, 7}, {7, 11}, {9, 14}, {13, 21}}},
        {"suspended-fourth", {{1, 0}, {4, 5}, {5, 7}}},
        {"suspended-second", {{1, 0}, {2, 2}, {5, 7}}},
        {"power", {{1, 0}, {5, 7}}},
        {"pedal", {{1, 0}}},
        {"Neapolitan", {{1, 0}, {3, 4}, {5, 7}}},
        {"Italian", {{1, 0}, {3, 4}, {6, 10}}},
        {"French", {{1, 0}, {3, 4}, {4, 6}, {6, 10}}},
        {"German", {{1, 0}, {3, 4}, {5, 7}, {6, 10}}},
        {"Tristan", {{1, 0}, {4, 6}, {6, 10}, {9, 15}}},
    };
    return k;
}

const Kind* findKind(const std::string& name) {
    for (const Kind& k : kinds())
        if (name == k.name)
            return &k;
    return nullptr;
}

// A degree counted from a dominant chord: 3 = major third, 7 = minor seventh, 9 = 14.
int dominantSemitones(int degree) {
    static const int base[7] = {0, 2, 4, 5, 7, 9, 10};
    const int d = std::max(1, degree) - 1;
    return base[d % 7] + 12 * (d / 7);
}

// The degree and alteration that name an added interval: #9, #11 and b13 above the octave, b5
// and #5 below it.
HarmonyDegree degreeFor(int interval) {
    const int octave = interval / 12, r = interval % 12;
    static const int below[12][2] = {{1, 0},  {2, -1}, {2, 0}, {3, -1}, {3, 0}, {4, 0},
                                     {5, -1}, {5, 0},  {5, 1}, {6, 0},  {7, 0}, {7, 1}};
    static const int above[12][2] = {{1, 0}, {2, -1}, {2, 0},  {2, 1}, {3, 0}, {4, 0},
                                     {4, 1}, {5, 0},  {6, -1}, {6, 0}, {7, 0}, {7, 1}};
    const int(*row)[2] = octave >= 1 ? above : below;
    HarmonyDegree d;
    d.value = row[r][0] + 7 * octave;
    d.alter = row[r][1];
    d.type = HarmonyDegree::Add;
    return d;
}

} // namespace

std::optional<std::vector<int>> kindIntervals(const std::string& kind) {
    if (kind == "none")
        return std::vector<int>{};
    const Kind* k = findKind(kind);
    if (!k)
        return std::nullopt;
    std::vector<int> out;
    for (const auto& t : k->tones)
        out.push_back(t.second);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<int> applyDegrees(const std::string& kind, std::vector<int> intervals,
                              const std::vector<HarmonyDegree>& degrees) {
    // The chord as (degree, semitones): the kind's own degrees when we know them, otherwise
    // (a chord read from a text attribute) each interval's nearest dominant degree.
    Tones tones;
    if (const Kind* k = findKind(kind); k && intervals == *kindIntervals(kind))
        tones = k->tones;
    else
        for (int i : intervals)
            tones.push_back({degreeFor(i).value, i});
    auto holding = [&](int degree) {
        return std::find_if(tones.begin(), tones.end(),
                            [&](const auto& t) { return t.first == degree; });
    };
    for (const HarmonyDegree& d : degrees) {
        if (d.value < 1 || d.value > 99)
            continue;
        const int plain = dominantSemitones(d.value);
        auto it = holding(d.value);
        switch (d.type) {
        case HarmonyDegree::Add:
            tones.push_back({d.value, plain + d.alter});
            break;
        case HarmonyDegree::Alter:
            if (it != tones.end())
                it->second += d.alter;
            else
                tones.push_back({d.value, plain + d.alter});
            break;
        case HarmonyDegree::Subtract:
            if (it != tones.end())
                tones.erase(it);
            break;
        }
    }
    std::vector<int> out;
    for (const auto& t : tones)
        if (t.second >= 0 && t.second < 48)
            out.push_back(t.second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

HarmonySpelling spellHarmony(const std::vector<int>& intervals) {
    auto has = [](const std::vector<int>& v, int x) {
        return std::find(v.begin(), v.end(), x) != v.end();
    };
    const Kind* best = nullptr;
    int bestScore = -1000;
    for (const Kind& k : kinds()) {
        int common = 0, missing = 0;
        for (const auto& t : k.tones)
            (has(intervals, t.second) ? common : missing) += 1;
        const int extra = int(intervals.size()) - common;
        const int score = 2 * common - 3 * missing - extra;
        if (score > bestScore) {
            bestScore = score;
            best = &k;
        }
    }
    HarmonySpelling s;
    s.kind = best->name;
    std::vector<int> extras;
    for (int i : intervals)
        if (std::none_of(best->tones.begin(), best->tones.end(),
                         [&](const auto& t) { return t.second == i; }))
            extras.push_back(i);
    for (const auto& t : best->tones) {
        if (has(intervals, t.second))
            continue;
        // A kind tone a semitone from an extra one: that degree is altered (C7b5: alter 5 -1).
        auto moved = std::find_if(extras.begin(), extras.end(),
                                  [&](int e) { return std::abs(e - t.second) == 1; });
        if (moved != extras.end()) {
            s.degrees.push_back({t.first, *moved - t.second, HarmonyDegree::Alter});
            extras.erase(moved);
        } else {
            s.degrees.push_back({t.first, 0, HarmonyDegree::Subtract});
        }
    }
    for (int e : extras)
        s.degrees.push_back(degreeFor(e));
    return s;
}

std::vector<int> voiceHarmony(int rootPc, const std::vector<int>& intervals,
                              std::optional<int> bassPc, int bassOctave) {
    std::vector<int> notes;
    if (intervals.empty())
        return notes;
    const int rootMidi = (bassOctave + 1) * 12 + ((rootPc % 12) + 12) % 12;
    if (bassPc && ((*bassPc % 12) + 12) % 12 != ((rootPc % 12) + 12) % 12) {
        const int b = (bassOctave + 1) * 12 + ((*bassPc % 12) + 12) % 12;
        notes.push_back(b);
        for (int i : intervals) {
            int p = rootMidi + i;
            while (p <= b)
                p += 12;
            notes.push_back(p);
        }
    } else {
        for (int i : intervals)
            notes.push_back(rootMidi + i);
    }
    std::sort(notes.begin(), notes.end());
    notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
    return notes;
}

} // namespace jazz::corpus
