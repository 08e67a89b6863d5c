// Generation: temperature, seed, Generate; every take kept in a list to go back to.
#pragma once

#include "ProgressionPanel.h"
#include "StudioDocument.h"

#include <QWidget>

class QDoubleSpinBox;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace jazz::ui {

class TakesPanel : public QWidget {
    Q_OBJECT
public:
    TakesPanel(StudioDocument* document, ProgressionPanel* progression, QWidget* parent = nullptr);
    // Generates a take from the current model and progression; false with *error if it cannot.
    bool generate(QString* error);
    QListWidget* list() const { return list_; }
    QPushButton* generateButton() const { return generate_; }
    QSpinBox* seed() const { return seed_; }

Q_SIGNALS:
    void errorOccurred(const QString& message);

private:
    void rebuild();
    StudioDocument* document_;
    ProgressionPanel* progression_;
    QDoubleSpinBox* temperature_;
    QSpinBox *seed_, *tempo_;
    QPushButton* generate_;
    QListWidget* list_;
};

} // namespace jazz::ui
