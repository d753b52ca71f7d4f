//! What every handler and middleware shares: the world and the control state.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::SandboxConfig;
use crate::control::Control;
use crate::seed;
use crate::state::World;

pub type AppState = Arc<Shared>;

pub struct Shared {
    world: Mutex<World>,
    pub control: Control,
    pub config: SandboxConfig,
    pub base_url: String,
}

impl Shared {
    pub fn new(config: SandboxConfig, base_url: String) -> Self {
        let world = seed::world(&config, &base_url);
        Self { world: Mutex::new(world), control: Control::default(), config, base_url }
    }

    /// The world, locked. A handler that panicked mid-change cannot happen by design (no
    /// handler panics), but should one, the sandbox keeps serving rather than failing forever.
    pub fn world(&self) -> MutexGuard<'_, World> {
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Back to the seeded world, with no faults queued and no coverage or requests recorded.
    pub fn reset(&self) {
        // Control first: it cancels the requests in flight before the world is replaced.
        self.control.reset();
        *self.world() = seed::world(&self.config, &self.base_url);
    }
}
