#include "BenchStall.h"

#include "Error.h"
#include "dataset/TrainingCorpus.h"
#include "studio/TrainingJob.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <exception>
#include <vector>

namespace jazz::app {

StallFigures measureGuiStall(int epochs) {
    const dataset::TrainingCorpus corpus = dataset::bundledTrainingCorpus();
    studio::TrainingPlan plan;
    plan.recipe = studio::Recipe::Notebook;
    plan.epochs = epochs;
    std::atomic<int> trained{0};
    std::exception_ptr failure;
    QElapsedTimer clock;
    double trainSeconds = 0;
    // The studio's shape: the training job on its own thread, the event loop here.
    QThread* worker = QThread::create([&] {
        QElapsedTimer t;
        t.start();
        try {
            studio::runTraining(corpus, 1, plan, [&](const model::EpochReport&) { ++trained; });
        } catch (...) {
            failure = std::current_exception();
        }
        trainSeconds = double(t.nsecsElapsed()) / 1e9;
    });
    std::vector<double> gaps;
    qint64 last = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(2);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.push_back(double(now - last) / 1e6);
        last = now;
    });
    QEventLoop loop;
    QObject::connect(worker, &QThread::finished, &loop, &QEventLoop::quit);
    clock.start();
    worker->start();
    last = clock.nsecsElapsed();
    tick.start();
    loop.exec();
    tick.stop();
    worker->wait();
    delete worker;
    if (failure)
        std::rethrow_exception(failure);
    if (gaps.empty())
        throw Error("the event loop never turned while training");
    StallFigures f;
    f.ticks = int(gaps.size());
    f.longestGapMs = *std::max_element(gaps.begin(), gaps.end());
    std::nth_element(gaps.begin(), gaps.begin() + long(gaps.size() / 2), gaps.end());
    f.typicalGapMs = gaps[gaps.size() / 2];
    f.epochs = trained;
    f.seconds = trainSeconds;
    return f;
}

} // namespace jazz::app
