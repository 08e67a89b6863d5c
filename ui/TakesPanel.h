// Generation: temperature, seed, Generate; every take kept in a list to go back to.
#pragma once

#include "ProgressionPanel.h"
#include "StudioDocument.h"
#include "studio/GenerationJob.h"

#include <memory>

#include <QWidget>

class QDoubleSpinBox;
class QListWidget;
class QPushButton;
class QSpinBox;
class QThread;

namespace jazz::ui {

class TakesPanel : public QWidget {
    Q_OBJECT
public:
    TakesPanel(StudioDocument* document, ProgressionPanel* progression, QWidget* parent = nullptr);
    // Generates a take from the current model and progression, here and now (scripts, tests);
    // false with *error if it cannot.
    bool generate(QString* error);
    // What the Generate button does: the same on a worker thread, so the window stays live
    // with a large model; the take is added when it is ready (generated() says so). False
    // with *error when it cannot start.
    bool startGenerating(QString* error);
    bool isGenerating() const { return worker_ != nullptr; }
    ~TakesPanel() override;
    QListWidget* list() const { return list_; }
    QPushButton* generateButton() const { return generate_; }
    QSpinBox* seed() const { return seed_; }

Q_SIGNALS:
    void errorOccurred(const QString& message);
    void generated(bool added); // a startGenerating() run is over

private:
    struct Job {
        std::shared_ptr<const model::TrainedModel> model;
        studio::GenerationPlan plan;
        session::Take take; // everything but the solo
    };
    bool prepare(Job* job, QString* error);
    void add(session::Take take);
    void finish();
    void rebuild();
    QThread* worker_ = nullptr;
    struct Outcome {
        generate::Solo solo;
        std::string error;
    };
    std::shared_ptr<Outcome> outcome_;
    session::Take pending_;
    int replacedAt_ = 0; // how many times the session was replaced: a result for an old one is dropped
    int jobReplacedAt_ = 0;
    StudioDocument* document_;
    ProgressionPanel* progression_;
    QDoubleSpinBox* temperature_;
    QSpinBox *seed_, *tempo_;
    QPushButton* generate_;
    QListWidget* list_;
};

} // namespace jazz::ui
