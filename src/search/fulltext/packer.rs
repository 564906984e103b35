//! Compressing groups of texts ([`Group::pack`]) on a helper thread while
//! this one goes on indexing: compression is a sixth of a first build's
//! work, and needs nothing but the group and the dictionary. Packed groups
//! come back in the order they were handed over, so the file is the same
//! byte for byte as one packed here.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::Scope;

use super::group::Group;

/// Groups handed to the helper and not yet taken back, at most: enough to
/// ride out an uneven group, few enough that they hold little memory.
const IN_FLIGHT: usize = 16;

/// Where groups are packed.
#[derive(Debug)]
pub(super) enum Packer {
    /// On this thread, as they are handed over.
    Here { dictionary: Vec<u8> },
    /// On a helper thread.
    Helper {
        to: Sender<Job>,
        from: Receiver<Vec<u8>>,
        in_flight: usize,
    },
}

impl Default for Packer {
    fn default() -> Self {
        Packer::Here {
            dictionary: Vec::new(),
        }
    }
}

/// What the helper is asked to do.
#[derive(Debug)]
pub(super) enum Job {
    /// Pack every later group against this dictionary.
    Dictionary(Vec<u8>),
    Pack(Group),
}

impl Packer {
    /// A packer on a helper thread of `scope`, which ends once the packer
    /// is finished or dropped.
    pub fn on_helper<'scope>(scope: &'scope Scope<'scope, '_>) -> Self {
        let (to, jobs) = channel::<Job>();
        let (done, from) = channel();
        scope.spawn(move || {
            let mut dictionary = Vec::new();
            for job in jobs {
                match job {
                    Job::Dictionary(d) => dictionary = d,
                    Job::Pack(mut group) => {
                        if done.send(group.pack(&dictionary)).is_err() {
                            return;
                        }
                    }
                }
            }
        });
        Packer::Helper {
            to,
            from,
            in_flight: 0,
        }
    }

    /// Packs every later group against `dictionary`.
    pub fn set_dictionary(&mut self, dictionary: &[u8]) {
        match self {
            Packer::Here { dictionary: own } => *own = dictionary.to_vec(),
            Packer::Helper { to, .. } => {
                // A send fails only if the helper panicked: the scope's end
                // passes the panic on.
                let _ = to.send(Job::Dictionary(dictionary.to_vec()));
            }
        }
    }

    /// Hands over `group`, returning the groups packed since the last call,
    /// in order.
    pub fn pack(&mut self, mut group: Group) -> Vec<Vec<u8>> {
        match self {
            Packer::Here { dictionary } => vec![group.pack(dictionary)],
            Packer::Helper {
                to,
                from,
                in_flight,
            } => {
                let mut packed = Vec::new();
                if *in_flight >= IN_FLIGHT {
                    // Wait for one, so memory stays bounded.
                    packed.extend(from.recv().ok());
                    *in_flight -= 1;
                }
                if to.send(Job::Pack(group)).is_ok() {
                    *in_flight += 1;
                }
                while let Ok(done) = from.try_recv() {
                    packed.push(done);
                    *in_flight -= 1;
                }
                packed
            }
        }
    }

    /// The groups not yet returned, in order, once every group is handed
    /// over.
    pub fn finish(self) -> Vec<Vec<u8>> {
        match self {
            Packer::Here { .. } => Vec::new(),
            Packer::Helper {
                to,
                from,
                in_flight,
            } => {
                drop(to);
                from.iter().take(in_flight).collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every group packed, in order, by `packer`.
    fn packed_by(mut packer: Packer, groups: &[Vec<String>]) -> Vec<Vec<u8>> {
        packer.set_dictionary(b"Call your doctor at once if you have unusual bleeding.");
        let mut packed = Vec::new();
        for texts in groups {
            let mut group = Group::default();
            texts.iter().for_each(|t| group.push(t));
            packed.extend(packer.pack(group));
        }
        packed.extend(packer.finish());
        packed
    }

    #[test]
    fn a_helper_packs_every_group_as_this_thread_does_in_order() {
        let groups: Vec<Vec<String>> = (0..100)
            .map(|g| {
                (0..g % 7)
                    .map(|t| format!("Call your doctor if bleeding {g} lasts {t} days. ").repeat(t))
                    .collect()
            })
            .collect();
        let here = packed_by(Packer::default(), &groups);
        assert_eq!(here.len(), groups.len());
        let helper = std::thread::scope(|scope| packed_by(Packer::on_helper(scope), &groups));
        assert!(helper == here);
    }
}
