//! Where a team's members disagree, and which disagreements matter: the pure part of
//! `advisor team`. Every member answers the same questions of one pack; the consensus takes
//! each question's majority answer, and a disagreement matters when settling it another way
//! changes rank 1.

use super::{Evaluation, evaluate};
use crate::model::{Answers, LangIdx, OptionSet, QuestionIdx};
use crate::pack::Pack;

/// How a question's consensus answer was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// Every member gave the same answer.
    Unanimous,
    /// More members gave it than any other answer.
    Majority,
    /// Two or more answers tied; the preferred member's answer settled it.
    TiePreferred(usize),
    /// Two or more answers tied; the question's default was among them and settled it.
    TieDefault,
    /// Two or more answers tied; the first member listed (of those tied) settled it.
    TieFirstListed(usize),
}

/// One question across the team.
#[derive(Debug, Clone)]
pub struct QuestionView {
    /// The question.
    pub question: QuestionIdx,
    /// Each distinct answer and the members (by index) who gave it, most members first.
    pub answers: Vec<(OptionSet, Vec<usize>)>,
    /// The consensus answer.
    pub consensus: OptionSet,
    /// How it was reached.
    pub settled: Settled,
    /// Whether any member answered it (rather than leaving its default).
    pub answered: bool,
}

impl QuestionView {
    /// Whether the members disagree.
    pub fn disagreed(&self) -> bool {
        self.answers.len() > 1
    }
}

/// A disagreement whose other resolution changes rank 1.
#[derive(Debug, Clone)]
pub struct Flip {
    /// The question.
    pub question: QuestionIdx,
    /// The answer that would change rank 1, instead of the consensus.
    pub answer: OptionSet,
    /// The members who gave it.
    pub members: Vec<usize>,
    /// The language that would rank first.
    pub leader: Option<LangIdx>,
}

/// The team's picture.
#[derive(Debug)]
pub struct Team<'p> {
    /// Every question, in pack order.
    pub questions: Vec<QuestionView>,
    /// The consensus answers.
    pub consensus: Answers,
    /// The ranking under the consensus.
    pub evaluation: Evaluation<'p>,
    /// Rank 1 under each member's own answers.
    pub member_leaders: Vec<Option<LangIdx>>,
    /// The disagreements that matter: another resolution changes rank 1 ("settle these first").
    pub matter: Vec<Flip>,
    /// The questions members disagree on whose resolution moves nothing at rank 1.
    pub quiet: Vec<QuestionIdx>,
}

/// Compares the members' answers (`members[i]` is member `i`; `given[i][q]` whether member `i`
/// answered question `q` rather than leaving its default); `prefer` names the member whose
/// answer settles a tie.
pub fn team<'p>(pack: &'p Pack, members: &[&Answers], given: &[&[bool]], prefer: Option<usize>) -> Team<'p> {
    let mut questions = Vec::new();
    let mut consensus_values = Vec::new();
    for (i, q) in pack.questions.iter().enumerate() {
        let question = QuestionIdx::new(i);
        let mut answers: Vec<(OptionSet, Vec<usize>)> = Vec::new();
        for (m, a) in members.iter().enumerate() {
            let value = *a.get(question);
            match answers.iter_mut().find(|(v, _)| *v == value) {
                Some((_, who)) => who.push(m),
                None => answers.push((value, vec![m])),
            }
        }
        // Most members first; equal counts keep the order members are listed in.
        answers.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.1[0].cmp(&b.1[0])));
        let top = answers.first().map_or(0, |(_, who)| who.len());
        let tied: Vec<usize> = (0..answers.len()).filter(|&k| answers[k].1.len() == top).collect();
        let (pick, settled) = if answers.len() <= 1 {
            (0, Settled::Unanimous)
        } else if tied.len() == 1 {
            (0, Settled::Majority)
        } else if let Some(k) = prefer.and_then(|p| tied.iter().copied().find(|&k| answers[k].1.contains(&p)))
        {
            (k, Settled::TiePreferred(prefer.unwrap_or_default()))
        } else if let Some(k) = tied.iter().copied().find(|&k| q.default.as_ref() == Some(&answers[k].0)) {
            (k, Settled::TieDefault)
        } else {
            (tied[0], Settled::TieFirstListed(answers[tied[0]].1[0]))
        };
        let consensus = answers.get(pick).map_or_else(OptionSet::new, |(v, _)| *v);
        consensus_values.push(consensus);
        let answered = given.iter().any(|g| g.get(i).copied().unwrap_or(true));
        questions.push(QuestionView { question, answers, consensus, settled, answered });
    }
    let consensus = Answers::new(consensus_values);
    let evaluation = evaluate(pack, &consensus);
    let leader = evaluation.ranking.first().map(|r| r.language);
    let member_leaders =
        members.iter().map(|a| evaluate(pack, a).ranking.first().map(|r| r.language)).collect();

    let mut matter = Vec::new();
    let mut quiet = Vec::new();
    for view in questions.iter().filter(|v| v.disagreed()) {
        let mut flipped = false;
        for (value, who) in view.answers.iter().filter(|(v, _)| *v != view.consensus) {
            let mut other = consensus.clone();
            other.set(view.question, *value);
            let new_leader = evaluate(pack, &other).ranking.first().map(|r| r.language);
            if new_leader != leader {
                flipped = true;
                matter.push(Flip {
                    question: view.question,
                    answer: *value,
                    members: who.clone(),
                    leader: new_leader,
                });
            }
        }
        if !flipped {
            quiet.push(view.question);
        }
    }
    Team { questions, consensus, evaluation, member_leaders, matter, quiet }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pack: &Pack, extra: &str) -> Answers {
        let text = format!(
            "version = 1\n[answers]\nshape = \"realtime_fanout\"\ntask_nature = \"io_bound\"\nprocess_scale = \"millions\"\n{extra}"
        );
        crate::answers::parse("a.toml", &text, crate::answers::Format::Toml, pack).unwrap().answers
    }

    #[test]
    fn majorities_settle_and_only_disagreements_that_flip_rank_1_matter() {
        let pack = crate::pack::builtin();
        let alice = answers(&pack, "latency = \"soft_realtime\"\nstatic_typing = \"preferred\"\n");
        let bob = answers(&pack, "latency = \"soft_realtime\"\nstatic_typing = \"indifferent\"\n");
        let carol = answers(&pack, "latency = \"hard_realtime\"\nstatic_typing = \"indifferent\"\n");
        let all = vec![true; pack.questions.len()];
        let t = team(&pack, &[&alice, &bob, &carol], &[&all, &all, &all], None);
        let latency = pack.question("latency").unwrap();
        let view = &t.questions[latency.get()];
        assert_eq!(view.settled, Settled::Majority);
        assert_eq!(view.answers[0].1, vec![0, 1]);
        assert_eq!(pack.languages[t.evaluation.ranking[0].language].id, "elixir");
        // Carol's hard realtime would put another language first: it matters.
        assert!(t.matter.iter().any(|f| f.question == latency && f.members == vec![2]));
        assert_eq!(pack.languages[t.member_leaders[2].unwrap()].id, "rust");
        // Typing preferred or indifferent: Elixir stays first, a quiet disagreement.
        assert!(t.quiet.contains(&pack.question("static_typing").unwrap()));
    }

    #[test]
    fn a_tie_is_settled_by_the_preferred_member_then_the_default() {
        let pack = crate::pack::builtin();
        let alice = answers(&pack, "static_typing = \"required\"\n");
        let bob = answers(&pack, "static_typing = \"preferred\"\n");
        let typing = pack.question("static_typing").unwrap();
        let all = vec![true; pack.questions.len()];
        let t = team(&pack, &[&alice, &bob], &[&all, &all], Some(1));
        assert_eq!(t.questions[typing.get()].settled, Settled::TiePreferred(1));
        let t = team(&pack, &[&alice, &bob], &[&all, &all], None);
        assert_eq!(t.questions[typing.get()].settled, Settled::TieFirstListed(0));
    }
}
