#include "BenchTrade.h"

#include "Error.h"
#include "compose/TradeSession.h"
#include "dataset/TrainingCorpus.h"
#include "generate/Arrangement.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"
#include "model/TrainingSetup.h"

#include <algorithm>
#include <random>

namespace jazz::app {

TradeFigures measureTrade(const std::string& modelPath, int answers) {
    using namespace std::chrono_literals;
    TradeFigures f;
    model::TrainedModel m;
    if (!modelPath.empty()) {
        m = model::loadModel(modelPath);
        f.model = modelPath;
    } else {
        model::TrainOptions o;
        o.epochs = 10;
        auto setup = model::prepareTraining(dataset::bundledTrainingCorpus(), o, {});
        model::train(setup.model.model, setup.data, o);
        m = std::move(setup.model);
        f.model = "the bundled corpus, 10 epochs";
    }
    // Blues in F at 240 bpm, 4-bar turns, the player first: a scripted player plays eighths
    // with human timing (up to 30 ms either way) in every turn of theirs.
    const double bpm = 240;
    const generate::Progression blues = generate::Progression::preset("blues-f").repeated(4);
    generate::Arrangement a;
    a.tempo = bpm;
    a.solo.progression = blues;
    const midi::Song song = a.toSong({true});
    std::vector<double> ms;
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> jitter(-0.03, 0.03);
    const int line[] = {65, 67, 69, 70, 72, 74, 75, 77, 75, 72, 69, 65};
    for (uint32_t session = 0; int(ms.size()) < answers; ++session) {
        playback::ManualClock clock;
        const auto t0 = clock.now();
        playback::RecordingSink sink(1 << 16, &clock);
        playback::FakeMidiSource player(&clock);
        playback::Transport transport(&clock);
        transport.setOutput(playback::Output::given(&sink));
        transport.setInput(playback::Input::given(&player));
        compose::TradeOptions o;
        o.seed = session;
        o.generate.sampling.temperature = m.defaultTemperature();
        compose::TradeSession trade(transport, m, blues, song, o);
        std::string error;
        if (!trade.start(&error))
            throw Error(error);
        clock.advance(0ms);
        auto at = [&](double beat) {
            return t0 + std::chrono::duration_cast<playback::Clock::duration>(
                            std::chrono::duration<double>(beat * 60 / bpm + jitter(rng)));
        };
        for (const auto& turn : trade.result().turns)
            if (turn.player)
                for (int i = 0; i < turn.bars * 8; ++i) {
                    const double beat = turn.firstBar * 4 + i * 0.5;
                    const uint8_t key = uint8_t(line[(i + session) % 12]);
                    player.push({0x90, key, 90}, at(beat));
                    player.push({0x80, key, 0}, at(beat + 0.45));
                }
        while (trade.step())
            clock.advance(std::chrono::microseconds(62500));
        if (!trade.result().error.empty())
            throw Error(trade.result().error);
        for (const auto& turn : trade.result().turns)
            if (!turn.player && turn.answerMs > 0)
                ms.push_back(turn.answerMs);
    }
    std::sort(ms.begin(), ms.end());
    f.answers = int(ms.size());
    f.p50Ms = ms[ms.size() / 2];
    f.p99Ms = ms[size_t(0.99 * double(ms.size() - 1))];
    f.maxMs = ms.back();
    return f;
}

} // namespace jazz::app
