export const id = 289;
export const ids = [289];
export const modules = {

/***/ 289:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  post: () => (/* binding */ post)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
// EXTERNAL MODULE: ./src/docker/builder.ts
var docker_builder = __webpack_require__(9683);
// EXTERNAL MODULE: ./src/docker/login.ts
var login = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/steps/setup.ts + 2 modules
var setup = __webpack_require__(7443);
;// CONCATENATED MODULE: ./src/steps/cleanup.ts
/** Post step: log out of what main logged in to and remove a builder it created. Warnings only. */




async function cleanup(runner) {
    const registries = JSON.parse(core/* getState */.Gu(setup/* STATE_LOGINS */.hQ) || '[]');
    for (const r of registries) {
        const warning = await (0,login/* logout */.ri)(runner, r);
        if (warning)
            core/* warning */.$e(warning);
        else
            core/* info */.pq(`logged out of ${r || 'Docker Hub'}`);
    }
    const builder = core/* getState */.Gu(setup/* STATE_BUILDER */.uV);
    if (builder !== '') {
        const warning = await (0,docker_builder/* removeBuilder */.iq)(runner, builder);
        if (warning)
            core/* warning */.$e(warning);
        else
            core/* info */.pq(`removed builder ${builder}`);
    }
}

;// CONCATENATED MODULE: ./src/post.ts
/** Post step: undo what main set up (registry logins, a builder it created). Only ever warns. */




async function post() {
    try {
        await cleanup((0,exec/* createRunner */.ji)());
    }
    catch (err) {
        core/* warning */.$e(`post: ${(0,errors/* messageOf */.bD)(err)}`);
    }
}


/***/ })

};
