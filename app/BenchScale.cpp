#include "BenchScale.h"

#include "Error.h"
#include "dataset/Collection.h"
#include "generate/Generator.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "studio/TrainingJob.h"

#include <QTemporaryDir>

#include <chrono>
#include <random>
#include <sys/resource.h>

namespace jazz::app {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A bank of phrases (rhythms and intervals) that the files string together in varied keys
// and registers over ii-V-I changes: the grammar's values then repeat as phrases do in real
// solos, and the vocabulary grows to a real collection's few thousand.
struct Phrase {
    std::vector<double> durations;
    std::vector<int> steps;
};

std::vector<Phrase> phraseBank(std::mt19937& rng, int count) {
    const double durations[] = {0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 1.0, 1.0 / 3, 0.75, 1.5, 2.0, 3.0, 0.125, 1.25, 2.5, 0.375, 1.75, 2.0 / 3, 1.0 / 6, 5.0 / 6, 4.0, 3.5};
    std::vector<Phrase> bank;
    bank.resize(size_t(count));
    for (auto& p : bank) {
        const int n = 4 + int(rng() % 9);
        for (int i = 0; i < n; ++i) {
            double d = durations[rng() % std::size(durations)];
            if (d == 1.0 / 3) // triplets come in threes
                for (int k = 0; k < 2; ++k, ++i) {
                    p.durations.push_back(d);
                    p.steps.push_back(int(rng() % 9) - 4);
                }
            p.durations.push_back(d);
            p.steps.push_back(int(rng() % 25) - 12);
        }
    }
    return bank;
}

midi::Song synthSolo(std::mt19937& rng, const std::vector<Phrase>& bank, int bars) {
    midi::Song song;
    midi::SongTrack comp, solo;
    comp.name = "Piano";
    solo.name = "Sax";
    solo.channel = 1;
    const int qualities[3][4] = {{0, 3, 7, 10}, {0, 4, 7, 10}, {0, 4, 7, 11}}; // ii V I
    int key = int(rng() % 12);
    for (int b = 0; b < bars; ++b) {
        if (b % 4 == 0 && rng() % 3 == 0)
            key = (key + 5) % 12;
        const int degree = (b / 2) % 3, root = (key + (degree == 0 ? 2 : degree == 1 ? 7 : 0)) % 12;
        for (int half = 0; half < 2; ++half)
            for (int i : qualities[degree])
                comp.notes.push_back({b * 4.0 + half * 2, 2, 48 + root + i, 70, 0});
    }
    double t = double(rng() % 4) * 0.5;
    int pitch = 60 + int(rng() % 12);
    while (t < bars * 4.0 - 4) {
        const Phrase& p = bank[rng() % bank.size()];
        for (size_t i = 0; i < p.durations.size() && t < bars * 4.0 - 1; ++i) {
            pitch = std::clamp(pitch + p.steps[i], 46, 90);
            solo.notes.push_back({t, p.durations[i] * 0.9, pitch, 90, 1});
            t += p.durations[i];
        }
        t += double(rng() % 25) / 6; // a breath, of any length on the triplet grid
    }
    song.tracks = {comp, solo};
    return song;
}

} // namespace

ScaleFigures measureScale(int files, int epochs) {
    ScaleFigures f;
    std::mt19937 rng(7);
    const auto bank = phraseBank(rng, 3000);
    QTemporaryDir dir;
    if (!dir.isValid())
        throw Error("bench scale: cannot make a temporary folder");
    for (int i = 0; i < files; ++i)
        midi::write(midi::fromSong(synthSolo(rng, bank, 140)),
                    dir.filePath(QString("solo%1.mid").arg(i, 3, 10, QChar('0'))).toStdString());

    auto t0 = std::chrono::steady_clock::now();
    dataset::CollectionReport report;
    const auto corpus = dataset::loadCollection({dir.path().toStdString()}, {}, &report);
    f.importSeconds = secondsSince(t0);
    f.files = int(report.used.size());
    f.values = long(corpus.values.size());
    f.vocabulary = corpus.vocabulary.size();

    studio::TrainingPlan plan;
    plan.recipe = studio::Recipe::Collection;
    plan.epochs = epochs;
    plan.patience = 0;
    std::vector<double> ends;
    const auto outcome = studio::runTraining(corpus, f.files, plan, [&](const model::EpochReport& r) {
        ends.push_back(r.elapsedSeconds);
    });
    f.modelVocabulary = outcome.summary.vocabulary;
    f.secondsPerEpoch = ends.empty() ? 0 : ends.back() / double(ends.size());

    const auto blues = generate::Progression::preset("blues-f");
    const int choruses = 50;
    t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < choruses; ++i) {
        generate::GenerateOptions g;
        g.seed = uint32_t(i);
        g.sampling.temperature = outcome.model.defaultTemperature();
        generate::generateSolo(outcome.model, blues, g);
    }
    f.generateMsPerChorus = secondsSince(t0) * 1000 / choruses;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    f.peakRssMb = double(usage.ru_maxrss) / 1024.0;
    return f;
}

} // namespace jazz::app
